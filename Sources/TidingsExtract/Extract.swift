import TidingsModel
import CLibXML2
